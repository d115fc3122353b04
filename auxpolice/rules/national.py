"""National rules the payroll needs that the five local texts only refer to ("按照国家有关规定"): pay days per
month, overtime rates and income-tax withholding. Data with their source, like the packs; kept apart because
they apply in every jurisdiction and are not any local text's articles."""

from decimal import Decimal

# 月计薪天数 (劳动和社会保障部《关于职工全年月平均工作时间和工资折算问题的通知》劳社部发〔2008〕3号).
PAY_DAYS_PER_MONTH = Decimal("21.75")
HOURS_PER_DAY = Decimal(8)
# 《劳动法》第四十四条: not less than 150 % on working days, 200 % on rest days without time off, 300 % on
# holidays.
OVERTIME_RATES = {"workday": Decimal("1.5"), "rest_day": Decimal(2), "holiday": Decimal(3)}
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
MINIMUM_WORKING_AGE_ARTICLE = "劳动法 第十五条"
