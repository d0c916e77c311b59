/** Classes that break the write-path rules on purpose, so that a test can show the rules report them. */
package io.berth.app.api.violations;
