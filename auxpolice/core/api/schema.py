"""The interactive API docs grouped by app: each operation is tagged with the app whose view serves it."""

from drf_spectacular.openapi import AutoSchema

# Module prefix → tag, in the order the docs list them (SPECTACULAR_SETTINGS["TAGS"] describes each).
APP_TAGS = {
    "auxpolice.core": "core",
    "auxpolice.rules": "rules",
    "headcount": "headcount",
    "recruitment": "recruitment",
    "personnel": "personnel",
    "assessment": "assessment",
    "compensation": "compensation",
}


def app_tag(module: str) -> str:
    for prefix, tag in APP_TAGS.items():
        if module == prefix or module.startswith(prefix + "."):
            return tag
    return module.split(".")[0]


class AppTaggedSchema(AutoSchema):
    def get_tags(self) -> list[str]:
        return [app_tag(type(self.view).__module__)]
