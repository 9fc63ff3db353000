package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"mlscope/server/guard"
)

const hashPasswordUsage = `Usage: mlscope hash-password NAME < password-file

Reads a password from the first line of standard input and prints an
--auth-file line for user NAME:

  NAME:$pbkdf2-sha256$600000$<salt>$<key>

Append the line to the auth file and restart the server. Typed at a
terminal, the password shows as it is typed; to hide it, in bash:

  read -rs PW && printf '%s\n' "$PW" | mlscope hash-password NAME >> users.txt
`

// runHashPassword prints an auth-file line for the user named by the one
// argument, with the password read from the first line of stdin.
func runHashPassword(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mlscope hash-password", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { io.WriteString(stderr, hashPasswordUsage) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{"hash-password takes one user name"}
	}
	name := fs.Arg(0)
	if err := guard.CheckUserName(name); err != nil {
		return usageError{err.Error()}
	}
	if f, ok := stdin.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprint(stderr, "Password (shown as typed): ")
		}
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	if password == "" {
		return usageError{"empty password: give it on the first line of standard input"}
	}
	stored, err := guard.HashPassword(password)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s:%s\n", name, stored)
	return nil
}
