from auxpolice.core.errors import DomainError

from ..decision import Finding, Outcome
from ..registry import RulePack, Status

NOT_PROVIDED_ZH = "所提供的规定文本未涉及此事项（文本不完整），系统不作推断"
SILENT_ZH = "规定对此未作规定，由机构设置决定"


class BadQuestion(DomainError):
    default_code = "bad_question"


def not_covered(pack: RulePack, code: str, *, setting: str | None = None, detail: str = "") -> Finding:
    """The finding for a topic the pack does not regulate: silent (agency setting) or unknown."""
    rule = pack.rule(code)
    if rule.status == Status.UNKNOWN:
        return Finding(code, Outcome.UNKNOWN, f"{pack.short_zh}：{NOT_PROVIDED_ZH}。{detail}".rstrip())
    return Finding(
        code, Outcome.NOT_REGULATED, f"{pack.short_zh}：{SILENT_ZH}。{detail}".rstrip(), setting=setting
    )


def require_choice(value, choices, field: str):
    if value not in choices:
        raise BadQuestion(f"{field} 的取值无效：{value!r}；可选：{', '.join(map(str, choices))}", field=field)
    return value
