import "./style.css";
import { OptionsPage } from "~components/options/OptionsPage";

export default OptionsPage;
