from rest_framework.pagination import CursorPagination


class KeysetPagination(CursorPagination):
    """Cursor (keyset) pagination: constant cost on any page, and never a COUNT(*)."""

    ordering = "-pk"
    page_size_query_param = "page_size"
    max_page_size = 200
