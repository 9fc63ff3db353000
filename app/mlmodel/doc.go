// Package mlmodel reads MLflow's MLmodel file, the YAML description that
// sits at the top of every logged model folder, and the run tag
// mlflow.log-model.history that lists the models a run logged. It turns
// them into values the model view shows: flavors with their library
// versions, the signature as rows of a table, the input example's
// location, and a Python snippet that loads the model.
//
// It is pure: functions take bytes or strings and never touch the file
// system or the network, so the browser (WebAssembly), the server and the
// tests share it. It must never import os, net/http or syscall/js.
package mlmodel
