// A table of rows (a Django formset) grows on the page: "Add a row" copies the hidden empty row
// with the next number and counts it in the form's total, so that nothing has to be saved first.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-add-row]");
  if (!button) return;
  const prefix = button.dataset.addRow;
  const rows = button.closest("[data-rows]");
  const total = document.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const empty = rows && rows.querySelector("tr.empty-form");
  if (!total || !empty) return;
  const index = Number(total.value);
  const row = empty.cloneNode(true);
  row.classList.remove("d-none", "empty-form");
  row.innerHTML = row.innerHTML.replaceAll("__prefix__", String(index));
  empty.parentElement.appendChild(row);
  total.value = String(index + 1);
  const first = row.querySelector("input:not([type=hidden]), select, textarea");
  if (first) first.focus();
});
