import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rest_framework.exceptions import ValidationError

from auxpolice.core.errors import DomainError
from auxpolice.rules import questions


class Command(BaseCommand):
    help = (
        "Evaluate a rules question given as JSON and print the decision as JSON. "
        "Questions: " + ", ".join(questions.QUESTIONS) + "."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", required=True, metavar="FILE_OR_-", help="JSON file with the question, or - for stdin"
        )

    def handle(self, *args, **options):
        source = options["json"]
        try:
            raw = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
            payload = json.loads(raw)
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"Cannot read the question: {exc}") from exc
        try:
            answer = questions.ask(payload)
        except ValidationError as exc:
            raise CommandError(json.dumps({"error": exc.detail}, ensure_ascii=False)) from exc
        except DomainError as exc:
            raise CommandError(json.dumps({"error": exc.as_dict()}, ensure_ascii=False)) from exc
        self.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2))
