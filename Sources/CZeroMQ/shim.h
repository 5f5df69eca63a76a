// libzmq's public header. Linked by name in the module map rather than through pkg-config,
// whose flags make SwiftPM warn.
#include <zmq.h>
