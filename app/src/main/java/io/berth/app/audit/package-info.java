/**
 * The audit trail (Kubernetes audit log, CloudTrail): every mutating API request, refused ones included, and every
 * log stream opened is recorded once its status is known, with who, what, when, from where and the answer.
 * {@link io.berth.app.audit.AuditRecorder#record} is the one entry other code (exec sessions, streams) calls.
 */
package io.berth.app.audit;
