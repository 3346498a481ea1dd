FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph graph
COPY loaders loaders
COPY queries queries
COPY api api
COPY viz viz
COPY data data
RUN pip install --no-cache-dir . && useradd --create-home orggraph
# The package is installed into site-packages: point it at the data shipped in the image.
ENV ORGGRAPH_DATA_DIR=/app/data ORGGRAPH_HOME=/home/orggraph/.orggraph \
    ORGGRAPH_AUDIT_LOG=/home/orggraph/.orggraph/audit.log
USER orggraph
EXPOSE 8000
CMD ["orggraph", "serve", "--host", "0.0.0.0"]
