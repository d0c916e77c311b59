/** The change feed: a sequenced log of changes streamed to watchers. */
package io.berth.app.watch;
