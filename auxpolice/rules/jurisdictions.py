"""The five jurisdictions whose regulations the system encodes (codes as in matrix.yaml)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Jurisdiction(models.TextChoices):
    HANGZHOU = "hangzhou", _("Hangzhou")
    P001 = "p001", _("Province 001")
    SICHUAN = "sichuan", _("Sichuan")
    INNER_MONGOLIA = "inner_mongolia", _("Inner Mongolia")
    NANTONG = "nantong", _("Nantong")
