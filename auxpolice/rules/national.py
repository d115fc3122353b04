"""National rules the payroll needs that the five local texts only refer to ("按照国家有关规定"): pay days per
month, overtime rates and income-tax withholding. Data with their source, like the packs; kept apart because
they apply in every jurisdiction and are not any local text's articles."""

from dataclasses import dataclass
from decimal import Decimal

# 月计薪天数 (劳动和社会保障部《关于职工全年月平均工作时间和工资折算问题的通知》劳社部发〔2008〕3号).
PAY_DAYS_PER_MONTH = Decimal("21.75")
HOURS_PER_DAY = Decimal(8)
# 《劳动法》第四十四条: not less than 150 % on working days, 200 % on rest days without time off, 300 % on
# holidays.
OVERTIME_RATES = {"workday": Decimal("1.5"), "rest_day": Decimal(2), "holiday": Decimal(3)}
OVERTIME_REFS = {
    "workday": "labour_law:art44(1)",
    "rest_day": "labour_law:art44(2)",
    "holiday": "labour_law:art44(3)",
}
# Individual income tax on wages, cumulative withholding (《个人所得税扣缴申报管理办法（试行）》 预扣率表一):
# 5,000 yuan deducted a month; (ceiling of cumulative taxable income, rate, quick deduction).
MONTHLY_DEDUCTION = Decimal(5000)
TAX_BRACKETS = [
    (Decimal(36000), Decimal("0.03"), Decimal(0)),
    (Decimal(144000), Decimal("0.10"), Decimal(2520)),
    (Decimal(300000), Decimal("0.20"), Decimal(16920)),
    (Decimal(420000), Decimal("0.25"), Decimal(31920)),
    (Decimal(660000), Decimal("0.30"), Decimal(52920)),
    (Decimal(960000), Decimal("0.35"), Decimal(85920)),
    (None, Decimal("0.45"), Decimal(181920)),
]

# 《劳动法》第十五条: 禁止用人单位招用未满十六周岁的未成年人. Below this age nobody can be a job applicant at
# all; each jurisdiction's own (higher) minimum is the eligibility check's.
MINIMUM_WORKING_AGE = 16
MINIMUM_WORKING_AGE_ARTICLE = "劳动法 第十五条第一款"  # labour_law:art15.p1 in rules/texts/labour-law.txt


# Leave lengths national law fixes; a province's longer entitlement is entered by the administrator with its
# document (personnel.LeaveEntitlement). Marriage, bereavement, paternity/nursing and sick leave have no
# national length encoded here: the texts this system holds do not set one.
@dataclass(frozen=True)
class LeaveMinimum:
    days: int
    counted_in: str  # "calendar" or "working"
    ref: str


LEAVE_MINIMUMS = {"maternity": LeaveMinimum(98, "calendar", "female_employees_regulation:art7.p1")}
# 第七条第一款: a difficult birth and each further baby add 15 days.
MATERNITY_EXTRA_STEP = 15

# National texts beneath the five local ones, kept in rules/texts/ like them (cited
# `labour_contract_law:art19.p1`). What each article is used for is shown in the rules browser.
NATIONAL_TEXTS = [
    {
        "code": "labour_contract_law",
        "name": "中华人民共和国劳动合同法",
        "in_force": "2008-01-01（2012年12月28日修正，修正自2013-07-01施行）",
        "uses": {
            14: "续订时应当订立无固定期限劳动合同的情形；本人未提出固定期限的，拒绝续订固定期限合同",
            19: "试用期：期限按合同期限、同一用人单位只能约定一次、不满三个月不得约定",
            20: "试用期工资：单位设定的比例不低于80%，工资表核对当地最低工资标准",
            36: "协商一致解除（第四十六条第二项的前提）",
            46: "离职时是否支付经济补偿",
            47: "经济补偿的计算（年限、半个月、三倍封顶与十二年）",
            66: "劳务派遣只能在临时性、辅助性或者替代性岗位；临时性岗位不超过六个月",
        },
    },
    {
        "code": "labour_law",
        "name": "中华人民共和国劳动法",
        "in_force": "1995-01-01（2009年、2018年修正）",
        "uses": {15: "报名人须年满十六周岁", 44: "加班工资：工作日150%、休息日不能补休200%、法定休假日300%"},
    },
    {
        "code": "annual_leave_regulation",
        "name": "职工带薪年休假条例",
        "in_force": "2008-01-01",
        "uses": {2: "连续工作满一年方享受年休假", 3: "年休假天数按累计工作年限；按工作日计算"},
    },
    {
        "code": "female_employees_regulation",
        "name": "女职工劳动保护特别规定",
        "in_force": "2012-04-28",
        "uses": {
            7: "产假不少于98天（难产、多胞胎各增加15天；流产15天或42天），各省延长的天数由管理员另行录入"
        },
    },
]
