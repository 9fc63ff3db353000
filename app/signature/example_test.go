package signature_test

import (
	"fmt"

	"mlscope/app/signature"
)

func ExampleValidate() {
	sig, err := signature.ParseMLmodel([]byte(`
signature:
  inputs: '[{"type": "long", "name": "a", "required": true},
    {"type": "string", "name": "b", "required": true}]'
  outputs: null
  params: '[{"name": "temperature", "type": "double", "default": 0.5, "shape": null}]'
`))
	if err != nil {
		panic(err)
	}
	body := []byte(`{"dataframe_split": {"columns": ["a", "b"],
		"data": [[1, "x"], ["two", "y"], [3, null]]}, "params": {"temperature": 1}}`)
	res := signature.Validate(sig, body, signature.Options{})
	fmt.Println(res.Accepted, res.Category)
	for _, p := range res.Problems {
		fmt.Printf("row %d column %s: %s\n", p.Row, p.Column, p.Detail)
	}
	a := res.Input.Table.Columns[0]
	fmt.Println(a.Dtype, a.Text(0), a.Faulty(1))
	fmt.Println(res.Params[0].Name, res.Params[0].Value)
	// Output:
	// false bad_type
	// row 1 column a: invalid literal for int() with base 10: 'two'
	// int64 1 true
	// temperature 1
}

func ExampleValidator() {
	sig, _ := signature.ParseSignature([]byte(`{"inputs": [{"type": "double", "name": "x"}]}`))
	body := []byte(`{"dataframe_records": [{"x": 1}, {"x": 2.5}, {"x": "3"}]}`)
	v := signature.NewValidator(sig, body, signature.Options{Mode: signature.Pyfunc})
	for !v.Next(1) { // a UI would call Next(5000) once per animation frame
	}
	res := v.Result()
	fmt.Println(res.Accepted, res.Category)
	fmt.Println(res.Problems[0].Message)
	// Output:
	// false bad_type
	// Incompatible input types for column x. Can not safely convert object to float64.
}
