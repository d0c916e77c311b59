/** The cluster query language of memberOf constraints: lexer, parser and expressions. */
package io.berth.reconciler.scheduler.query;
