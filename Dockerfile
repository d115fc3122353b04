FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/data/uploads
WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
RUN pip install --no-cache-dir --no-deps -e . \
 && SECRET_KEY=build-only python manage.py collectstatic --noinput \
 && useradd --system --home /app auxpolice && mkdir -p /data/uploads && chown -R auxpolice /data
USER auxpolice
EXPOSE 8000
CMD ["gunicorn", "-c", "python:auxpolice.gunicorn_conf", "auxpolice.wsgi:application"]
