from units.models.accounts import User
from units.models.units import Province, ProvinceQuerySet, Unit, UnitName, UnitQuerySet

__all__ = ["Province", "ProvinceQuerySet", "Unit", "UnitName", "UnitQuerySet", "User"]
