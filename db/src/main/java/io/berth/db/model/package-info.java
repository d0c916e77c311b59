/** JPA entities: the rows of Berth's desired and recorded state, and their enums. */
package io.berth.db.model;
