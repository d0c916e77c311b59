-- Connection draining before a task behind a load balancer is stopped. Both written once by the traffic pass:
-- deregistered_at when every reachable HAProxy that carries the task runs a configuration in which it gets no new
-- requests (weight 0); drained_at when, after that, none of them has a request of it in flight. The service pass
-- holds the task's SIGTERM back until drained_at, or until the target groups' deregistrationDelay has passed.
alter table task add column deregistered_at timestamptz;
alter table task add column drained_at timestamptz;
