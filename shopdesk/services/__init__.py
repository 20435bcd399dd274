"""The business, one package per feature (storefront > desk > orders > inventory > catalog > money > common).

Every function takes a Session plus plain values and returns plain data. No Qt here."""
