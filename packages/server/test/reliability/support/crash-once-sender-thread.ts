/**
 * A sender thread that dies on its first delivery to a `/crash-once` address and otherwise is the
 * real one. The imports run in order: the crashing listener is registered before the real one.
 */
import './crash-on-first-delivery.js';
import '../../../src/dispatcher/sender-thread.js';
