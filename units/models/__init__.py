from units.models.accounts import User
from units.models.notifications import Notification
from units.models.units import Province, ProvinceQuerySet, Unit, UnitName, UnitQuerySet

__all__ = [
    "Notification",
    "Province",
    "ProvinceQuerySet",
    "Unit",
    "UnitName",
    "UnitQuerySet",
    "User",
]
