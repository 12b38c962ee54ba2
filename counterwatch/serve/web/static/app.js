// The only script of the atlas: choosing "Correct" in the review form opens the fields to correct.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (input.name === "action" && input.form) {
    var details = input.form.querySelector("details");
    if (details) { details.open = input.value === "correct"; }
  }
});
