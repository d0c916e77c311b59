/** Spring Data repositories: the queries and writes on Berth's tables. */
package io.berth.db.repository;
