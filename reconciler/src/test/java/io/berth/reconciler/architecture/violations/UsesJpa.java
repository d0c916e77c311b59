package io.berth.reconciler.architecture.violations;

import jakarta.persistence.EntityManager;

/** Deliberately breaks an architecture rule: evaluated only by the rule's own test. */
public class UsesJpa {
    EntityManager entities;
}
