/** The passes: observe the engines, ask the pure planners, then act (database intent first, then Docker). */
package io.berth.reconciler.pass;
