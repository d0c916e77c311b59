{{/*
Chart name, truncated to 63 characters (DNS label limit).
*/}}
{{- define "berth.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: the release name, prefixed to the chart name unless it already contains it.
*/}}
{{- define "berth.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "berth.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "berth.labels" -}}
helm.sh/chart: {{ include "berth.chart" . }}
{{ include "berth.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: berth
{{- end }}

{{/*
Selector labels: stable across upgrades (Deployment selectors are immutable).
*/}}
{{- define "berth.selectorLabels" -}}
app.kubernetes.io/name: {{ include "berth.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end }}

{{- define "berth.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "berth.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "berth.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}

{{/*
Checks that make rendering fail with a clear message. Included by every template that depends on them.
*/}}
{{- define "berth.validate" -}}
{{- if and .Values.docker.registerLocal (gt (int .Values.replicaCount) 1) }}
{{- fail (printf "docker.registerLocal needs replicaCount 0 or 1 (got %v): every pod would register its own node's socket under the same endpoint, one container instance for several engines. Register the hosts by their tcp:// endpoints instead." .Values.replicaCount) }}
{{- end }}
{{- if not (or .Values.postgresql.url .Values.postgresql.host) }}
{{- fail "an external PostgreSQL database is required: set postgresql.host (with postgresql.port/database) or postgresql.url (jdbc:postgresql://HOST:5432/DB). The chart never starts Berth's embedded PostgreSQL." }}
{{- end }}
{{- if and .Values.postgresql.url (not (hasPrefix "jdbc:postgresql://" .Values.postgresql.url)) }}
{{- fail (printf "postgresql.url must start with jdbc:postgresql:// (got %q)" .Values.postgresql.url) }}
{{- end }}
{{- if not (or .Values.postgresql.existingSecret .Values.postgresql.password) }}
{{- fail "a PostgreSQL password is required: set postgresql.existingSecret (key postgresql.existingSecretPasswordKey) or postgresql.password." }}
{{- end }}
{{- if and (not .Values.auth.existingSecret) .Values.auth.adminToken (lt (len (.Values.auth.adminToken | toString)) 32) }}
{{- fail (printf "auth.adminToken must be at least 32 characters long (got %d; Berth refuses shorter tokens): e.g. openssl rand -base64 32, or leave it empty to have one generated." (len (.Values.auth.adminToken | toString))) }}
{{- end }}
{{- if and .Values.podDisruptionBudget.enabled (include "berth.isSet" .Values.podDisruptionBudget.minAvailable) (include "berth.isSet" .Values.podDisruptionBudget.maxUnavailable) }}
{{- fail "podDisruptionBudget: set either minAvailable or maxUnavailable, not both (set the other to null)." }}
{{- end }}
{{- end }}

{{/*
"true" when a value is neither null nor "" (0 is set).
*/}}
{{- define "berth.isSet" -}}
{{- if and (not (kindIs "invalid" .)) (ne (toString .) "") }}true{{ end }}
{{- end }}

{{/*
JDBC URL of the external database.
*/}}
{{- define "berth.datasourceUrl" -}}
{{- if .Values.postgresql.url }}
{{- .Values.postgresql.url }}
{{- else }}
{{- printf "jdbc:postgresql://%s:%v/%s" .Values.postgresql.host (int .Values.postgresql.port) .Values.postgresql.database }}
{{- if .Values.postgresql.parameters }}?{{ .Values.postgresql.parameters }}{{ end }}
{{- end }}
{{- end }}

{{/*
The Secret the chart creates (database password and/or admin token), when it needs one.
*/}}
{{- define "berth.secretName" -}}
{{- include "berth.fullname" . }}
{{- end }}

{{- define "berth.createSecret" -}}
{{- if or (not .Values.postgresql.existingSecret) (not .Values.auth.existingSecret) (not .Values.credentials.existingSecret) }}true{{ end }}
{{- end }}

{{- define "berth.postgresqlSecretName" -}}
{{- .Values.postgresql.existingSecret | default (include "berth.secretName" .) }}
{{- end }}

{{- define "berth.postgresqlSecretKey" -}}
{{- if .Values.postgresql.existingSecret }}{{ .Values.postgresql.existingSecretPasswordKey }}{{ else }}postgresql-password{{ end }}
{{- end }}

{{- define "berth.authSecretName" -}}
{{- .Values.auth.existingSecret | default (include "berth.secretName" .) }}
{{- end }}

{{- define "berth.credentialsSecretName" -}}
{{- .Values.credentials.existingSecret | default (include "berth.secretName" .) }}
{{- end }}

{{- define "berth.credentialsSecretKey" -}}
{{- if .Values.credentials.existingSecret }}{{ .Values.credentials.existingSecretKey }}{{ else }}credentials-key{{ end }}
{{- end }}

{{- define "berth.authSecretKey" -}}
{{- if .Values.auth.existingSecret }}{{ .Values.auth.existingSecretKey }}{{ else }}admin-token{{ end }}
{{- end }}

{{/*
Path of the Docker socket inside the container, taken from docker.localEndpoint (unix:///PATH).
*/}}
{{- define "berth.dockerSocketPath" -}}
{{- if not (hasPrefix "unix://" .Values.docker.localEndpoint) }}
{{- fail (printf "docker.registerLocal mounts the node's Docker socket: docker.localEndpoint must be unix:///PATH (got %q)" .Values.docker.localEndpoint) }}
{{- end }}
{{- trimPrefix "unix://" .Values.docker.localEndpoint }}
{{- end }}

{{/*
Settings of single sign-on (sso.oidc) and of the API's TLS and client certificates (apiTls), as a YAML map for the
ConfigMap; values under `config` are merged over it. Map keys are bracketed so that Spring keeps '/', '=' and ','.
*/}}
{{- define "berth.identityConfig" -}}
{{- $security := dict }}
{{- $api := dict }}
{{- with .Values.sso.oidc }}
{{- if or .issuerUri .jwkSetUri }}
{{- $oidc := dict "username-claim" .usernameClaim "groups-claim" .groupsClaim }}
{{- if .issuerUri }}{{- $_ := set $oidc "issuer-uri" .issuerUri }}{{- end }}
{{- if .jwkSetUri }}{{- $_ := set $oidc "jwk-set-uri" .jwkSetUri }}{{- end }}
{{- if .audience }}{{- $_ := set $oidc "audience" .audience }}{{- end }}
{{- $roles := dict }}{{- range $k, $v := .groupRoles }}{{- $_ := set $roles (printf "[%s]" $k) $v }}{{- end }}
{{- $clusters := dict }}{{- range $k, $v := .groupClusters }}{{- $_ := set $clusters (printf "[%s]" $k) $v }}{{- end }}
{{- if $roles }}{{- $_ := set $oidc "group-roles" $roles }}{{- end }}
{{- if $clusters }}{{- $_ := set $oidc "group-clusters" $clusters }}{{- end }}
{{- $_ := set $security "oidc" $oidc }}
{{- end }}
{{- end }}
{{- with .Values.apiTls }}
{{- if .existingSecret }}
{{- $tls := dict "certificate" "/etc/berth/api-tls/tls.crt" "private-key" "/etc/berth/api-tls/tls.key" }}
{{- if .clientCa }}{{- $_ := set $tls "client-ca" "/etc/berth/api-tls/ca.crt" }}{{- end }}
{{- $_ := set $api "tls" $tls }}
{{- $subjects := dict }}{{- range $k, $v := .clientCertificateSubjects }}{{- $_ := set $subjects (printf "[%s]" $k) $v }}{{- end }}
{{- $clusters := dict }}{{- range $k, $v := .clientCertificateClusters }}{{- $_ := set $clusters (printf "[%s]" $k) $v }}{{- end }}
{{- if $subjects }}
{{- $certs := dict "subjects" $subjects }}
{{- if $clusters }}{{- $_ := set $certs "subject-clusters" $clusters }}{{- end }}
{{- $_ := set $security "client-certificates" $certs }}
{{- end }}
{{- end }}
{{- end }}
{{- $berth := dict }}
{{- if $security }}{{- $_ := set $berth "security" $security }}{{- end }}
{{- if $api }}{{- $_ := set $berth "api" $api }}{{- end }}
{{- if $berth }}{{- toYaml (dict "berth" $berth) }}{{- else }}{}{{- end }}
{{- end }}

{{/* The probes' scheme: HTTPS once the API serves TLS (apiTls.existingSecret). */}}
{{- define "berth.probeScheme" -}}
{{- if .Values.apiTls.existingSecret }}HTTPS{{ else }}HTTP{{ end }}
{{- end }}
