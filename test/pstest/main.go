// Command pstest runs Google's in-memory Pub/Sub server (cloud.google.com/go/pubsub/pstest) for
// the tests: it prints the address it listens on (a random loopback port) on one line, then
// serves until stdin closes or the process is killed, so it never outlives the test that started it.
package main

import (
	"fmt"
	"io"
	"os"

	"cloud.google.com/go/pubsub/pstest"
)

func main() {
	srv := pstest.NewServer()
	fmt.Println(srv.Addr)
	// The parent holds our stdin open; EOF means it is gone (even after a crash or SIGKILL).
	_, _ = io.Copy(io.Discard, os.Stdin)
	_ = srv.Close()
}
