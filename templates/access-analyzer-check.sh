#!/usr/bin/env bash
# Written by `kgen export-policies`: checks the policies of this folder with IAM Access Analyzer,
# in the AWS account your credentials belong to. Nothing is written, nothing is deployed.
#
#   bash check.sh [--trusted DIR] [BUNDLE]
#
# BUNDLE is the folder `kgen export-policies` wrote for one spec (default: the folder of this
# script). With --trusted DIR the reference policies and deny lists come from DIR instead: the
# same spec's folder as your default branch has it, so that a pull request cannot loosen what its
# own policies are checked against.
#
# For every policy that manifest.json lists:
#   aws accessanalyzer validate-policy           an ERROR or SECURITY_WARNING finding fails
#   aws accessanalyzer check-no-new-access       against the reference policy of its kind
#   aws accessanalyzer check-access-not-granted  each deny list of its kind, one access object a call
#   aws accessanalyzer check-no-public-access    resource policies, as their resource type
#
# Exit status: 0 every check passed; 1 a check answered FAIL, or validate-policy found an ERROR or
# a SECURITY_WARNING; 2 nothing could be decided (a missing tool or file, an aws call that failed).
# Needs bash, jq, and the AWS CLI (v1 or v2) with credentials allowed
# access-analyzer:ValidatePolicy, access-analyzer:CheckNoNewAccess,
# access-analyzer:CheckAccessNotGranted and access-analyzer:CheckNoPublicAccess.
set -u

die() {
  printf 'check.sh: %s\n' "$*" >&2
  exit 2
}

usage="usage: bash check.sh [--trusted DIR] [BUNDLE]"
bundle=""
trusted=""
while [ $# -gt 0 ]; do
  case $1 in
    --trusted)
      [ $# -ge 2 ] || die "--trusted needs a folder; $usage"
      trusted=$2
      shift 2
      ;;
    -h | --help)
      printf '%s\n' "$usage"
      exit 0
      ;;
    -*) die "unknown option $1; $usage" ;;
    *)
      [ -z "$bundle" ] || die "one bundle folder at a time; $usage"
      bundle=$1
      shift
      ;;
  esac
done
[ -n "$bundle" ] || bundle=$(dirname -- "${BASH_SOURCE[0]}")
[ -n "$trusted" ] || trusted=$bundle

command -v jq >/dev/null 2>&1 || die "jq is not installed (https://jqlang.github.io/jq/)"
command -v aws >/dev/null 2>&1 || die "the AWS CLI is not installed (https://aws.amazon.com/cli/)"
manifest=$bundle/manifest.json
[ -f "$manifest" ] || die "$manifest not found: name a folder written by kgen export-policies"
for dir in "$bundle" "$trusted"; do
  format=$(jq -r '.format' "$dir/manifest.json" 2>/dev/null) || die "$dir/manifest.json is not a kgen policy manifest"
  [ "$format" = "1" ] || die "$dir/manifest.json has format $format; this script reads format 1 (use the check.sh written with it)"
done
spec=$(jq -r '.spec' "$manifest")
[ "$(jq -r '.spec' "$trusted/manifest.json")" = "$spec" ] || die "$trusted holds the policies of another spec than $spec"

# AWS CLI v2 pages long output unless told not to; v1 ignores this.
export AWS_PAGER=""
response=$(mktemp) && errors=$(mktemp) || die "cannot create a temporary file"
trap 'rm -f "$response" "$errors"' EXIT

# Runs `aws accessanalyzer ARGS... --output json` into $response; if aws fails, shows its error
# and stops: exit 2.
aws_call() {
  local status
  aws accessanalyzer "$@" --output json </dev/null >"$response" 2>"$errors"
  status=$?
  [ $status -eq 0 ] && return 0
  printf 'check.sh: aws accessanalyzer %s exited %s:\n' "$1" "$status" >&2
  cat "$errors" >&2
  exit 2
}

# Prints each line of $1 indented under its check.
indent() {
  local line
  while IFS= read -r line; do printf '      %s\n' "$line"; done <<<"$1"
}

# The first line of $1, and what follows it.
first_line() { printf '%s' "${1%%$'\n'*}"; }
after_first_line() { [[ $1 == *$'\n'* ]] && printf '%s' "${1#*$'\n'}"; }

# A GitHub Actions error annotation, escaped as the runner expects.
annotate() {
  [ "${GITHUB_ACTIONS:-}" = "true" ] || return 0
  local text=${1//%/%25}
  text=${text//$'\r'/%0D}
  text=${text//$'\n'/%0A}
  printf '::error title=IAM Access Analyzer::%s\n' "$text"
}

checks=0
failed=0
report() { # report PASS|FAIL CHECK WHAT [DETAIL]
  checks=$((checks + 1))
  printf '%-4s  %-24s  %s\n' "$1" "$2" "$3"
  if [ "$1" = FAIL ]; then
    failed=$((failed + 1))
    [ -z "${4:-}" ] || indent "$4"
    annotate "$2 failed for $3${4:+: $4}"
  fi
}

# A custom check's answer: `result` is PASS or FAIL (Access Analyzer API reference); then its
# message and the reasons, one a line.
custom_check() { # custom_check WHAT AWS-ARGS...
  local what=$1 answer
  shift
  aws_call "$@"
  answer=$(jq -r '.result // "", .message // empty,
    (.reasons[]? | "statement \(.statementIndex // "?")\(if .statementId then " (\(.statementId))" else "" end): \(.description // "")")' "$response") ||
    die "aws accessanalyzer $1 answered what is not JSON: $(cat "$response")"
  case $(first_line "$answer") in
    PASS) report PASS "$1" "$what" ;;
    FAIL) report FAIL "$1" "$what" "$(after_first_line "$answer")" ;;
    *) die "aws accessanalyzer $1 answered without a PASS or FAIL result: $(cat "$response")" ;;
  esac
}

while IFS=$'\t' read -r -u 3 file policy_type validation_type reference deny_lists resource_type module address; do
  what="$module $address"
  [ -f "$bundle/$file" ] || die "$bundle/$file is missing: run kgen export-policies again"
  document="file://$bundle/$file"

  args=(validate-policy --policy-document "$document" --policy-type "$policy_type")
  [ "$validation_type" = "-" ] || args+=(--validate-policy-resource-type "$validation_type")
  aws_call "${args[@]}"
  # How many findings block (ERROR, SECURITY_WARNING), then every finding, one a line.
  answer=$(jq -r '([.findings[] | select(.findingType == "ERROR" or .findingType == "SECURITY_WARNING")] | length),
    (.findings[] | "\(.findingType) \(.issueCode): \(.findingDetails)")' "$response") ||
    die "aws accessanalyzer validate-policy answered without findings: $(cat "$response")"
  findings=$(after_first_line "$answer")
  if [ "$(first_line "$answer")" != 0 ]; then
    report FAIL validate-policy "$what" "$findings"
  else
    report PASS validate-policy "$what"
    [ -z "$findings" ] || indent "$findings"
  fi

  if [ "$reference" != "-" ]; then
    if [ -f "$trusted/$reference" ]; then
      custom_check "$what ($reference)" check-no-new-access --new-policy-document "$document" \
        --existing-policy-document "file://$trusted/$reference" --policy-type "$policy_type"
    else
      report FAIL check-no-new-access "$what" "$trusted has no $reference: its kind of policy is new, and needs a review"
    fi
  fi

  [ "$deny_lists" = "-" ] && deny_lists=""
  # File names kgen writes hold no spaces: the list splits on its commas.
  for list in ${deny_lists//,/ }; do
    if [ -f "$trusted/$list" ]; then
      custom_check "$what ($list)" check-access-not-granted --policy-document "$document" \
        --access "file://$trusted/$list" --policy-type "$policy_type"
    else
      report FAIL check-access-not-granted "$what" "$trusted has no $list: its kind of policy is new, and needs a review"
    fi
  done

  if [ "$resource_type" != "-" ]; then
    custom_check "$what ($resource_type)" check-no-public-access --policy-document "$document" --resource-type "$resource_type"
  fi
done 3< <(jq -r '.policies[] | [.file, .policyType, (.validationResourceType // "-"), (.reference // "-"),
  (if (.denyLists | length) == 0 then "-" else (.denyLists | join(",")) end), (.publicAccessResourceType // "-"),
  .module, .address] | @tsv' "$manifest")

[ $checks -gt 0 ] || die "$manifest lists no policy"
printf '%s: %s checks, %s passed, %s failed\n' "$spec" "$checks" "$((checks - failed))" "$failed"
[ $failed -eq 0 ] || exit 1
exit 0
