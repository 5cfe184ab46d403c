#!/bin/sh
# The humanseg Spark job with plain spark-submit against a Kubernetes API server (no operator needed).
# Same image and sizing as sparkapplication.yaml here, whose comments explain the figures. Run it where
# spark-submit (Spark 4) and kubectl credentials are available:
#   K8S_API=https://<api-server>:6443 NAMESPACE=batch ./k8s/spark/spark-submit.sh
# The service account needs rights to create pods and services in the namespace (for the driver to start executors).
set -eu
: "${K8S_API:?set K8S_API to the API server URL, e.g. https://my-cluster:6443}"
NAMESPACE="${NAMESPACE:-default}"
IMAGE="${IMAGE:-humanseg-spark:0.1.0}"

exec spark-submit \
  --master "k8s://${K8S_API}" \
  --deploy-mode cluster \
  --name humanseg-segment \
  --class io.humanseg.spark.SegmentJob \
  --conf spark.kubernetes.namespace="${NAMESPACE}" \
  --conf spark.kubernetes.container.image="${IMAGE}" \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName=spark \
  --conf spark.driver.cores=1 \
  --conf spark.driver.memory=1g \
  --conf spark.executor.instances=4 \
  --conf spark.executor.cores=4 \
  --conf spark.task.cpus=2 \
  --conf spark.executor.memory=2g \
  --conf spark.executor.memoryOverhead=1g \
  local:///opt/spark/work-dir/humanseg-spark.jar \
  --input s3a://my-bucket/photos/ \
  --output s3a://my-bucket/masks/ \
  --output-format files \
  --output-kind alpha \
  --partitions 64 \
  --threads-per-task 2 \
  --resume
