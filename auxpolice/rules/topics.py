"""Names of the rule codes (matrix.yaml) for the rules browser, grouped by topic."""

TOPIC_ZH = {
    "categories": "人员类别",
    "eligibility.nationality_prc": "国籍",
    "eligibility.min_age": "最低年龄",
    "eligibility.max_age": "最高年龄",
    "eligibility.education": "学历",
    "eligibility.education_relaxation": "放宽条件",
    "eligibility.political_and_moral": "政治与品行条件",
    "eligibility.physical_psychological": "身体与心理条件",
    "eligibility.post_specific_conditions": "岗位特殊条件",
    "disqualifications": "不得聘用情形",
    "preferences": "优先聘用",
    "preferences.targeted_plans": "单列计划、定向招聘",
    "recruitment_steps": "招聘程序",
    "recruiter": "招聘组织主体",
    "quota_approval": "用人额度审批",
    "plan_approval": "招聘计划审批",
    "contract": "劳动合同",
    "duties_allowed": "岗位职责",
    "duties_forbidden": "禁止从事的工作",
    "equipment.weapons": "武器",
    "equipment.restraint_instruments_assist": "约束性警械",
    "equipment.vehicles": "车辆、船艇、无人机等",
    "equipment.duty_and_protective_gear": "执勤与防护装备",
    "equipment.id_uniform_insignia": "证件、服装、标识",
    "separation_returns": "离职交回物品",
    "tiers": "层级管理",
    "assessment": "考核",
    "training": "培训",
    "pay": "薪酬",
    "social_security": "社会保险与住房公积金",
    "health_checks": "健康检查",
    "leave_and_overtime": "休假与加班",
    "work_injury": "工伤",
    "termination_grounds": "解除劳动合同情形",
    "termination_grounds.assessment_as_basis": "考核结果作为续签、解除依据",
    "termination_grounds.post_separation_help": "转岗就业帮助",
    "conduct.suspension_during_investigation": "调查期间停止执行职务",
    "conduct.recusal": "回避",
    "conduct.complaints": "投诉举报",
    "conduct.rewards": "表彰奖励",
    "conduct.confidentiality": "保密义务",
    "conduct.enforcement_recording": "全程录音录像",
    "conduct.clearing_name_after_false_complaint": "澄清正名",
    "career.public_institution_posts_for_good_auxiliaries": "事业单位招聘倾斜",
    "career.police_recruitment_from_auxiliaries": "招录人民警察倾斜",
    "penalties.forged_or_traded_id": "伪造、买卖工作证件",
    "penalties.uniform_insignia_trade": "非法制售服装标识",
    "penalties.recovery_from_auxiliary_after_compensation": "赔偿后追偿",
    "scope_extension": "参照适用范围",
}

GROUPS_ZH = [
    ("招聘条件", ("categories", "eligibility", "disqualifications", "preferences")),
    ("招聘与额度", ("recruitment_steps", "recruiter", "quota_approval", "plan_approval")),
    ("职责与装备", ("duties_allowed", "duties_forbidden", "equipment")),
    (
        "合同、层级与考核",
        ("contract", "tiers", "assessment", "training", "termination_grounds", "separation_returns"),
    ),
    ("薪酬与保障", ("pay", "social_security", "health_checks", "leave_and_overtime", "work_injury")),
    ("监督与其他", ("conduct", "career", "penalties", "scope_extension")),
]

# How the code reads each ambiguity listed in matrix.yaml (shown in the rules browser).
AMBIGUITY_DECISIONS_ZH = {
    "hangzhou_missing_articles": "第十八条以后的事项一律标为“文本未涉及”，不作为“未规定”处理，也不推断。",
    "nantong_parent_regulation": "南通未规定之处由机构设置决定，不编造江苏省条例的内容。",
    "restraint_and_vs_or": "（001省）要求“指挥和带领”，四川要求“指挥或者带领”，均按字面执行。",
    "reference_vs_floor": "（001省）第三十三条、内蒙古第二十七条为“参照”，低于基准仅警示；四川第三十三条、南"
    "通第七条为下限，低于即拒绝。",
    "sichuan_independent_investigation": "四川只禁止“独立”侦查取证；协助制作笔录、整理案卷属于第十条所列勤务"
    "。",
    "open_lists": "“其他”“等”项允许机构补充，须写明具体内容及依据；系统对“其他”项给出警示。",
    "inner_mongolia_county_recruiting": "内蒙古第十九条只列盟市以上公安机关，旗县公安机关不得组织招聘。",
    "relaxation_without_approver": "杭州、（001省）的放宽条件未规定审批主体：必须在招聘公告中载明，公告的审批"
    "即为记录。",
    "p001_weapons_vs_restraint": "（001省）禁止使用武器和警械，但紧急情况下在指挥和带领下协助使用约束性警械作"
    "为较窄的例外。",
    "hangzhou_relative_hiring_channel": "杭州第十一条亲属招聘默认仍适用第九条程序和第十条条件，经办人员可记录"
    "决定予以豁免。",
    "sichuan_contract_signer_vs_insurer": "四川同时记录合同签订单位和负责的公安机关（人事与合同模块实现）。",
    "sichuan_supervision_modes": "四川勤务分为“带领”（第十条）和“组织指挥”（第十一条）两种，每项职责标明方式"
    "。",
    "inner_mongolia_league_approval": "内蒙古盟级计划的批准机关按录入的实际机关记录，不作推断（额度模块实现）"
    "。",
    "layering": "杭州、南通之上的省级条例未提供，显示为“上位法未提供”。",
    "inclusive_bounds": "“以上”“不超过35周岁”包含本数：四川35周岁零364天可以报名，36周岁不可以。",
}
