#!/bin/sh
# Prepares MinIO for imaging-service (Compose service minio-init, Kubernetes Job minio-init); safe to run again.
# - the bucket medical-images
# - an application user limited to that bucket (the services never get the root credentials)
# - a lifecycle rule expiring staging objects under temp/ after a day (imaging also sweeps them itself)
# Needs MINIO_URL, MINIO_ROOT_USER, MINIO_ROOT_PASSWORD, MDMS_S3_ACCESS_KEY, MDMS_S3_SECRET_KEY.
set -eu
bucket="${MDMS_S3_BUCKET:-medical-images}"
work="${TMPDIR:-/tmp}/mdms-minio-init.$$"
mkdir -p "$work"
export MC_CONFIG_DIR="$work/mc"

# MinIO may still be electing its erasure-set quorum when the first attempt runs
i=0
until mc alias set mdms "${MINIO_URL:-http://minio:9000}" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null; do
  i=$((i + 1))
  [ "$i" -ge 30 ] && { echo "minio-init: MinIO not reachable" >&2; exit 1; }
  sleep 2
done

mc mb --ignore-existing "mdms/$bucket"

cat > "$work/policy.json" <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads",
        "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration"],
      "Resource": ["arn:aws:s3:::$bucket"] },
    { "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject",
        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
      "Resource": ["arn:aws:s3:::$bucket/*"] },
    { "Effect": "Allow", "Action": ["s3:ListAllMyBuckets"], "Resource": ["arn:aws:s3:::*"] }
  ]
}
JSON
mc admin policy create mdms mdms-images "$work/policy.json"
mc admin user add mdms "$MDMS_S3_ACCESS_KEY" "$MDMS_S3_SECRET_KEY"
# attaching an already attached policy is an error in mc; the state we want is there either way
mc admin policy attach mdms mdms-images --user "$MDMS_S3_ACCESS_KEY" 2>/dev/null || true

cat > "$work/lifecycle.json" <<JSON
{ "Rules": [ { "ID": "expire-temp", "Status": "Enabled", "Filter": { "Prefix": "temp/" },
    "Expiration": { "Days": 1 } } ] }
JSON
mc ilm import "mdms/$bucket" < "$work/lifecycle.json"

rm -rf "$work"
echo "minio-init: bucket $bucket, user $MDMS_S3_ACCESS_KEY with policy mdms-images, temp/ expiry ready"
