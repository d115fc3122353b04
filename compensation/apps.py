from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompensationConfig(AppConfig):
    name = "compensation"
    verbose_name = _("Compensation")

    def ready(self):
        from auxpolice.core import audit, batches, sheet_imports
        from personnel.services.separation import register_severance_calculator

        from . import (
            models,
            selectors,
            sheets,
            workbench,  # noqa: F401  (registers the app's workbench items)
        )
        from .services.severance import severance_figures

        register_severance_calculator(severance_figures)
        audit.register(models.PayStatistic, selectors.statistic_list_for)
        audit.register(models.PayScale, selectors.scale_list_for)
        audit.register(models.PayScaleLine, selectors.scale_line_list_for)
        audit.register(models.ContributionScheme, selectors.scheme_list_for)
        audit.register(models.AccidentPolicy, selectors.policy_list_for)
        audit.register(models.Overtime, selectors.overtime_list_for)
        audit.register(models.SpecialDeduction, selectors.special_deduction_list_for)
        sheet_imports.register("compensation.special_deductions", sheets.workbook_import)
        audit.register(models.BankAccount, selectors.bank_account_list_for)
        audit.register(models.PayrollRun, selectors.run_list_for)
        audit.register(models.PayrollLine, selectors.line_list_for)
        batches.register(models.PayrollRun, tasks={"computing": "compensation.tasks.compute_payroll"})
