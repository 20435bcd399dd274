"""ShopDesk: the back office of a virtual-goods (card-key) shop."""

__version__ = "0.1.0"
