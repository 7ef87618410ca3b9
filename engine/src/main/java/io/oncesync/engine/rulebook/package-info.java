/** The rule book: compiles DRL (file:line errors), fires the six policy stages in order, assembles the Decision. */
package io.oncesync.engine.rulebook;
