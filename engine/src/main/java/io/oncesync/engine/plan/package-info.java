/** The engine's output: an immutable Decision (ordered actions, validation failures, contradictions, trace). */
package io.oncesync.engine.plan;
