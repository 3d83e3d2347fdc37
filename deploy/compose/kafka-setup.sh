#!/usr/bin/env bash
# Brings compose's Kafka to the contract, as ./suite does (stack/kafka/ProvisionKafka.java): the topics of
# topics.txt, a SCRAM user per principal of acls.txt with the password compose passes in KAFKA_PASSWORD_<NAME>
# (the principal upper-cased, '-' as '_'), and the ACLs of acls.txt. Runs as admin on the broker's internal
# listener (PLAIN, kafka:9094), the only one where the admin logs in before any SCRAM user exists.
set -euo pipefail
bin=/opt/kafka/bin
admin=(--bootstrap-server kafka:9094 --command-config /tmp/admin.properties)
cat >/tmp/admin.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
PROPS

grep -v '^#' /kafka/topics.txt | while read -r topic partitions; do
  [[ -z "$topic" ]] || "$bin/kafka-topics.sh" "${admin[@]}" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor 1
done

# suite-test is the tests' principal (./suite only).
rights=$(grep -v -e '^#' -e '^suite-test ' /kafka/acls.txt)
for principal in $(awk 'NF {print $1}' <<<"$rights" | sort -u); do
  variable="KAFKA_PASSWORD_$(tr 'a-z-' 'A-Z_' <<<"$principal")"
  [[ -n "${!variable:-}" ]] || { echo "kafka-setup: $variable is not set" >&2; exit 1; }
  "$bin/kafka-configs.sh" "${admin[@]}" --alter --entity-type users --entity-name "$principal" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=${!variable}]"
done

while read -r principal right name; do
  [[ -n "$principal" ]] || continue
  pattern=(--resource-pattern-type literal)
  if [[ "$name" == *'*' && "$name" != '*' ]]; then pattern=(--resource-pattern-type prefixed); name=${name%'*'}; fi
  case "$right" in
    write) target=(--topic "$name" --operation Write) ;;
    read) target=(--topic "$name" --operation Read) ;;
    group) target=(--group "$name" --operation Read) ;;
  esac
  "$bin/kafka-acls.sh" "${admin[@]}" --add --allow-principal "User:$principal" "${target[@]}" "${pattern[@]}" >/dev/null
done <<<"$rights"
echo "kafka-setup: topics, users and ACLs in place"
