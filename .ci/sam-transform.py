#!/usr/bin/env python3
"""Transforms a SAM template with the real AWS SAM translator (aws-sam-translator), as CloudFormation's
AWS::Serverless-2016-10-31 transform does at deploy time, once per set of parameter values.

Usage: sam-transform.py TEMPLATE < parameter-sets.json
The input is a JSON array of objects {"Name": "value"}; parameters not named take their defaults, as in a deploy.
The output is one JSON line per set: {"template": <the CloudFormation template>} or {"errors": ["...", ...]} when the
translator refuses the template. Exit status 0, or 3 when aws-sam-translator is not installed.
"""
import copy
import json
import logging
import os
import sys

# The translator reads the region for ARNs it builds; a deploy has one, this offline run picks a fixed one.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

try:
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse
except ImportError as missing:
    print(f"aws-sam-translator is not installed: {missing}", file=sys.stderr)
    sys.exit(3)


class NoManagedPolicies:
    """The translator looks AWS managed policy names up in IAM; this template names managed policies by ARN only."""

    def load(self):
        return {}


def packaged(template):
    """As `sam package` does before a deploy, a local CodeUri becomes the S3 object the jar is uploaded to. The key is
    the path here (sam package uses the jar's hash), so the result does not depend on whether or what was built."""
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        code_uri = properties.get("CodeUri")
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(code_uri, str) \
                and not code_uri.startswith("s3://"):
            properties["CodeUri"] = "s3://sam-package-bucket/" + code_uri
    return template


def main():
    # The translator logs notes (feature toggles, metrics) that are not findings; its refusals come as exceptions.
    logging.disable(logging.WARNING)
    with open(sys.argv[1], encoding="utf-8") as source:
        template = packaged(yaml_parse(source.read()))
    for parameter_values in json.load(sys.stdin):
        try:
            result = {"template": transform(copy.deepcopy(template), parameter_values, NoManagedPolicies())}
        except InvalidDocumentException as refused:
            result = {"errors": [cause.message for cause in refused.causes]}
        print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
