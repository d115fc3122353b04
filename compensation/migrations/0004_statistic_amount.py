from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("compensation", "0003_payrollrun_job_beat_payrollrun_job_resumed_at")]

    operations = [
        migrations.RemoveConstraint(model_name="paystatistic", name="pay_statistic_positive"),
        migrations.RenameField(model_name="paystatistic", old_name="annual_amount", new_name="amount"),
        migrations.RenameField(model_name="historicalpaystatistic", old_name="annual_amount", new_name="amount"),
        migrations.AddConstraint(
            model_name="paystatistic",
            constraint=models.CheckConstraint(condition=models.Q(amount__gt=0), name="pay_statistic_positive"),
        ),
    ]
