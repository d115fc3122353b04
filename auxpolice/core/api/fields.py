"""Bounded input fields: a number the database cannot hold is a 400 on its field, never a DataError."""

from functools import partial

from rest_framework import serializers

INT_MAX = 2**31 - 1  # PostgreSQL integer, the narrowest column these reach

# An id in a request body or query string.
Id = partial(serializers.IntegerField, min_value=1, max_value=INT_MAX)
# A count of places, people, positions.
Count = partial(serializers.IntegerField, min_value=0, max_value=1_000_000)
