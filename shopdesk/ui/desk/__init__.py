"""The after-sales desk's widgets: the queue model, the case view, its dialogs and the desk settings."""
