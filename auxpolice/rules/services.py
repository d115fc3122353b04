from django.db import transaction
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.core.models import Agency, User
from auxpolice.core.scoping import may_configure

from .evaluators.eligibility import EDUCATION_RANK
from .models import AgencyRuleSetting
from .settings_registry import SPECS, parse_chain_step, parse_grade_band


def _validated(key: str, value):
    spec = SPECS.get(key)
    if spec is None:
        raise DomainError(_("Unknown setting."), field="key")
    if spec.kind is int:
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise DomainError(_("Enter a whole number."), field="value") from None
        if (spec.minimum is not None and value < spec.minimum) or (
            spec.maximum is not None and value > spec.maximum
        ):
            raise DomainError(
                _("Enter a number from %(min)s to %(max)s.") % {"min": spec.minimum, "max": spec.maximum},
                field="value",
            )
    elif spec.kind is bool:
        if isinstance(value, str):
            value = value.strip().lower() in {"1", "true", "yes", "on", "是"}
        value = bool(value)
    elif spec.kind is list:
        if isinstance(value, str):
            value = [item.strip() for item in value.replace("，", ",").split(",") if item.strip()]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise DomainError(_("Enter codes separated by commas."), field="value")
        if key == "assessment_grade_bands":
            try:
                [parse_grade_band(item) for item in value]
            except ValueError as bad:
                raise DomainError(
                    _("Write each band as grade:lowest-highest, e.g. 优秀:90-100 (not %(band)s).")
                    % {"band": bad},
                    field="value",
                ) from None
        if key.endswith("_approval_chain"):
            try:
                [parse_chain_step(item) for item in value]
            except ValueError as bad:
                raise DomainError(
                    _("Write each step as action:body:level, e.g. approve:government:same (not %(step)s).")
                    % {"step": bad},
                    field="value",
                ) from None
    elif key.startswith("min_education") and value not in EDUCATION_RANK:
        raise DomainError(
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(EDUCATION_RANK)}, field="value"
        )
    return value


def agency_setting_set(*, actor: User, agency: Agency, key: str, value, basis: str) -> AgencyRuleSetting:
    if not may_configure(actor, agency):
        raise NotPermitted()
    if not basis.strip():
        raise DomainError(_("Say who decided this and where it is written."), field="basis")
    value = _validated(key, value)
    with transaction.atomic():
        setting = AgencyRuleSetting.objects.select_for_update().filter(agency=agency, key=key).first()
        if setting is None:
            setting = AgencyRuleSetting(agency=agency, key=key)
        elif setting.value == value and setting.basis == basis:
            return setting
        setting.value, setting.basis, setting.updated_by = value, basis.strip(), actor
        authored(setting, actor)
        setting.save()
    return setting
