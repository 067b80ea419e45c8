"""Parses Prometheus text exposition from stdin with prometheus_client's
own parser (independent of ours) and prints the samples as JSON:
{"name{label=value,...}": value}. A malformed exposition exits non-zero."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

samples = {}
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        labels = ",".join(f"{k}={v}" for k, v in sorted(s.labels.items()))
        samples[f"{s.name}{{{labels}}}"] = s.value
json.dump(samples, sys.stdout)
