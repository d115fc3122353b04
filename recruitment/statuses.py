"""Special statuses an applicant may declare on the portal, and the codes each jurisdiction's rules
use for them (preferential groups and relaxation groups). One portal question serves every text."""

from django.utils.translation import gettext_lazy as _

STATUS_CHOICES = [
    ("veteran", _("Veteran (退役军人)")),
    ("former_fire_rescue", _("Former fire and rescue personnel")),
    ("martyr_family", _("Family of a martyr, or of police or auxiliaries killed or disabled on duty")),
    ("righteous_act", _("Recognised for a righteous act (见义勇为)")),
    ("police_or_law_graduate", _("Police academy or law graduate")),
    ("required_skill", _("Holds a qualification or skill the post needs")),
]

RULE_CODES = {
    "veteran": ("veteran", "veteran_or_former_fire_rescue"),
    "former_fire_rescue": ("former_fire_rescue", "veteran_or_former_fire_rescue"),
    "martyr_family": (
        "martyr_or_fallen_police_family",
        "martyr_or_fallen_family",
        "martyr_or_fallen_police_aux_family",
        "relatives_of_martyrs_fallen_or_disabled",
    ),
    "righteous_act": ("righteous_act", "righteous_act_model"),
    "police_or_law_graduate": ("police_or_law_graduate", "police_college_or_law_major"),
    "required_skill": ("required_qualification_or_skill", "special_skill_or_expertise"),
}


def rule_codes(statuses) -> tuple[str, ...]:
    return tuple(sorted({code for status in statuses for code in RULE_CODES.get(status, ())}))


# The groups and posts the texts let an announcement relax conditions for (rule layer codes).
RELAXATION_GROUPS = {
    "urgently_needed_professional_or_skilled": "急需紧缺的专业技术人才",
    "special_skill_or_expertise": "具有特殊技能或专长的人员",
    "veteran": "退役军人",
    "former_fire_rescue": "退出消防员",
    "righteous_act_model": "见义勇为人员",
    "special_skill_post_or_person": "特殊技能岗位或人员",
    "hardship_remote_area": "艰苦边远地区岗位",
    "special_post": "特殊岗位",
    "urgently_needed_talent": "急需紧缺人才",
}
