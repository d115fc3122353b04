from tests.personnel.test_import import start  # noqa: F401 (the import fixture, for the identifier and workbook tests)
