// A citation link [n] in an answer names its source in its href (#cite-<turn>-<n>): hand the key to the
// hidden textbox and press the hidden button, so that the server fills the source panel.
document.documentElement.lang = "fr";
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href^="#cite-"]') : null;
  if (!link) return;
  event.preventDefault();
  const box = document.querySelector("#cadre-cite-key textarea, #cadre-cite-key input");
  const button = document.querySelector("#cadre-cite-open");
  if (!box || !button) return;
  box.value = link.getAttribute("href").slice(1);
  box.dispatchEvent(new Event("input", { bubbles: true }));
  setTimeout(() => button.click(), 0);
});

// Gradio names the side panel's toggle in English; name it in French once it is rendered.
new MutationObserver(() => {
  const toggle = document.querySelector("#cadre-panel .toggle-button, .sidebar .toggle-button");
  if (toggle && toggle.getAttribute("aria-label") !== "Afficher ou masquer la source") {
    toggle.setAttribute("aria-label", "Afficher ou masquer la source");
  }
}).observe(document.documentElement, { childList: true, subtree: true });
