namespace HousingCapacity.Domain;

/// <summary>
/// In which capacity a decision about a §110 stay was made. Admission and discharge are the place's decisions ("Afgørelse om
/// optagelse og udskrivning træffes af boformens leder", Serviceloven §110 stk. 4); a municipality refers someone to a place it
/// does not run, and may itself end a stay only on the conditions of stk. 5. A municipality's officers act as the place at the
/// boformer their own municipality runs.
/// </summary>
public enum DecisionCapacity { Place, Municipality }

