// Quick exit: leave for a neutral site at once and replace this page in the history, so the
// back button does not return to it. Without JavaScript the link still leaves.
document.addEventListener("DOMContentLoaded", function () {
  var exit = document.getElementById("quick-exit");
  if (!exit) return;
  function leave(event) {
    if (event) event.preventDefault();
    document.body.style.display = "none";
    window.location.replace(exit.href);
  }
  exit.addEventListener("click", leave);
});
