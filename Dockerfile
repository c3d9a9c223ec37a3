# backcare-bot: docker run -e BOT_TOKEN=... -v backcare-data:/data backcare-bot
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DATA_DIR=/data \
    MPLCONFIGDIR=/tmp/matplotlib

RUN useradd --create-home --uid 10001 backcare \
    && mkdir -p /data \
    && chown backcare:backcare /data \
    && chmod 0700 /data

WORKDIR /app
COPY pyproject.toml setup.py README.md ./
COPY bot ./bot
COPY content ./content
COPY domain ./domain
COPY storage ./storage
# The same install step as the README's (without the test extra).
RUN pip install --no-cache-dir -e .

USER 10001
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=60s --timeout=10s --start-period=20s --retries=3 \
    CMD ["backcare-bot", "health"]
ENTRYPOINT ["backcare-bot"]
