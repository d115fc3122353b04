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


# Examples: operations whose view gives none get one built from their schema, with the values a bureau would
# send (an agency code, a Chinese name, dates of this system's era) rather than "string".
SAMPLES: dict[str, object] = {
    "agency": "510107",
    "full_name": "张伟",
    "id_number_masked": "510107********123X",
    "phone": "13800000000",
    "month": "2026-11",
    "year": 2026,
    "basis": "武公〔2026〕1号",
    "source": "川人社发〔2026〕1号",
    "reason": "工作需要",
    "url": "https://hr.example.gov.cn/hooks",
    "ids": [101, 102],
    "days": 90,
    "birth_date": "1998-05-01",
    "stage": "exam",
    "position_code": "01",
    "ticket_number": "20270101001",
    "total_score": "81.50",
    "score": "81.50",
    "title": "武侯区分局2027年辅警招聘公告",
    "content": "反映该考生曾受治安处罚",
    "assessor_name": "张警官",
    "tier": "三级辅警",
    "to_tier": "三级辅警",
    "grade": "称职",
}
BY_FORMAT: dict[str, object] = {
    "date": "2026-12-01",
    "date-time": "2026-12-01T09:00:00+08:00",
    "decimal": "3000.00",
    "email": "hr@example.gov.cn",
    "uri": "https://hr.example.gov.cn/api/v1/…",
    "binary": "(file)",
}


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    for combined in ("allOf", "oneOf", "anyOf"):
        if combined in schema:
            return _resolve(schema[combined][0], components) | {
                k: v for k, v in schema.items() if k != combined
            }
    return schema


def sample(schema: dict, components: dict, name: str = "", depth: int = 0):
    """An example value for `schema` (its `$ref`s resolved), preferring a sample named for the property."""
    schema = _resolve(schema, components)
    if "enum" in schema:
        return next((value for value in schema["enum"] if value not in ("", None)), None)
    if name in SAMPLES:
        return SAMPLES[name]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        if depth > 3:
            return {}
        return {
            key: sample(value, components, key, depth + 1)
            for key, value in schema.get("properties", {}).items()
        }
    if kind == "array":
        return [sample(schema.get("items", {}), components, name, depth + 1)]
    if schema.get("format") in BY_FORMAT:
        return BY_FORMAT[schema["format"]]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1.5
    if kind == "boolean":
        return True
    return "…"


def add_examples(result, generator, request, public):
    """POSTPROCESSING hook: an example for every request body and every answer that lacks one."""
    components = result.get("components", {}).get("schemas", {})
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            bodies = [operation.get("requestBody", {})] + list(operation.get("responses", {}).values())
            for body in bodies:
                for content in body.get("content", {}).values():
                    if "schema" in content and "example" not in content and "examples" not in content:
                        content["example"] = sample(content["schema"], components)
    return result
