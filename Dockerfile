# Static assets are built with Node in a first stage; the runtime image has no Node.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY scripts/build_static.sh scripts/
RUN bash scripts/build_static.sh

FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=0
# WeasyPrint needs Pango; fonts for the PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
       fonts-dejavu-core fonts-liberation \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The project installs no package of its own (setuptools packages = []), only its
# dependencies at the tested versions, so this layer is cached until either file changes.
COPY pyproject.toml constraints.txt ./
RUN pip install --no-cache-dir -c constraints.txt .
COPY . .
COPY --from=assets /app/static/vendor static/vendor
RUN python scripts/compile_messages.py \
    && SECRET_KEY=build-only ACCESS_LOG_KEY=build-only-not-the-access-log-key-000000 DEBUG=0 \
       python manage.py collectstatic --noinput \
    && useradd --create-home overgang && mkdir -p var/anchors && chown -R overgang var
USER overgang
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
