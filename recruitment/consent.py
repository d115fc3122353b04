"""The notices an applicant separately consents to before medical or vetting information is collected
(个人信息保护法 第二十九条: sensitive personal information needs separate consent). Each notice is
versioned: a changed text gets a new version, and consent records the version the applicant saw."""

NOTICES = {
    "medical_exam": {
        "version": "2026-1",
        "title": "体检个人信息处理单独同意",
        "text": "招聘单位将收集、使用您的体检结果（属于敏感个人信息），仅用于判断是否符合警务辅助人员招聘的身"
        "体条件，"
        "由指定人员查阅，每次查阅均留痕；未被聘用的，按单位规定的期限删除。您可以拒绝，但拒绝将无法继续参加体检环节。",
    },
    "vetting": {
        "version": "2026-1",
        "title": "考察个人信息处理单独同意",
        "text": "招聘单位将对您进行考察，收集、使用考察结果（可能包含违法犯罪记录等敏感个人信息），仅用于判断"
        "是否符合招聘条件，"
        "由指定人员查阅，每次查阅均留痕；未被聘用的，按单位规定的期限删除。您可以拒绝，但拒绝将无法继续参加考察环节。",
    },
}
