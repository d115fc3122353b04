"""Pure evaluators: values in, a Decision out. None of them touches the database."""
